"""Pure rules of relay: no database, no Textual, no I/O."""
