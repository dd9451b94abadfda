"""Writes with rules in mentoring, one module a topic: assignments, sessions, bookkeeping,
training, credit. Views and forms call these; nothing else writes those records."""
