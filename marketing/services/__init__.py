"""Writes with rules in marketing: outlet staff, the consignment trade (deliveries, stock,
sales, voids, returns, closings) and the catalogue (products and prices)."""
