"""The shape model in plain Python: ``conv`` (Conv2d), ``window`` (pooling,
transposed convolution), ``layers`` (a stack), ``domain`` (what it claims to
know); each formula's TeX beside it. docs/javascripts/shapes/ mirrors it."""
