"""Small reusable widgets: they paint what they are given and hold no domain logic."""
