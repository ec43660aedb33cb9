"""The commands beside build (serve, verify, print, deploy, init, new, import, cite), each on its own."""
