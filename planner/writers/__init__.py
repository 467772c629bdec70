"""Output formats shared by every command (Markdown tables today; one place for each format)."""
