"""Traditional script: telling it, and converting labels and prose to Simplified."""
