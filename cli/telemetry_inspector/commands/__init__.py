"""One module per command family: options in, domain call, renderer out.

Command modules never import each other; `options` holds the option types they share.
"""
