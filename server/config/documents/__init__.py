"""One module per document type."""
