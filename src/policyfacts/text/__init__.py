"""Text stage: decode-independent normalisation, offset maps and document structure."""
