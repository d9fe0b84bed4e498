"""Chat agents: the offline interpreter and the model-backed agent share one interface."""
