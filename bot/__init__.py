"""Channel-agnostic conversation and domain logic."""
