"""Writes to operational records: one module per workflow (incidents, demining, people, aid, reconstruction,
sites, agreements, activities) plus the generic pieces (observations, records, events) and `feeds`, which
turns a workflow record into the indicator observation it feeds. Import from the modules themselves."""
