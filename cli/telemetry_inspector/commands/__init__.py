"""One module per command family: options in, domain call, renderer out. Modules never import each other."""
