"""The staff pages under /reviews/."""
