"""Solver adapters: the only modules of the planning core that import a solver."""
