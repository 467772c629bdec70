"""Review rules, one small group per pillar; each group exports RULES."""
