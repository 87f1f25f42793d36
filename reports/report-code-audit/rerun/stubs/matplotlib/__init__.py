# stub: plotting removed for headless rerun (matplotlib not installed)
