"""The build's stages: sources -> frontmatter (load) -> parse -> assemble -> render -> search -> write."""
