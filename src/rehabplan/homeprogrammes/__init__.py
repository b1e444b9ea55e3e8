"""Home training programmes: the exercises a citizen trains at home, in versions, and how many
sessions a week the citizen did."""
