"""The Java target: its naming service and file plan."""
