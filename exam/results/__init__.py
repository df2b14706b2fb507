"""Results: which attempts count and their sums (queries), the item analysis (analysis,
item_statistics), the pupils' results (pupils), charts (plots), files (exports) and the
names they share (labels)."""
