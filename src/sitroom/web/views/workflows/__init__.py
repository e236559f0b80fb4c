"""Pages of the workflow records (engineer O): one module per workflow."""
