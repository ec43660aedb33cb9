"""The build's stages, in order: sources -> frontmatter (load) -> parse -> assemble -> render -> search -> write."""
