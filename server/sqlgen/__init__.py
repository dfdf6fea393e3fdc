"""SQL generated from the declarations: register maintenance, document save/post, guards, grants."""
