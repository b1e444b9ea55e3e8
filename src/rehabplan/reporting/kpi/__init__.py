"""The leader's key figures (nøgletal): one section per dashboard page, each aggregated in SQL."""
