"""A regulator's portfolio: many organisations' results side by side, their weak spots, practice and trends."""
