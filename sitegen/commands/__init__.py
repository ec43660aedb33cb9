"""The commands beside build (serve, verify, print, deploy, init, new, import, cite): independent of each other."""
