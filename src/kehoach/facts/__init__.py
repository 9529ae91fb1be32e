"""Facts: numbers, targets, agencies, assignments, deadlines and citations from the tree."""
