"""The shape model in plain Python: ``conv`` (a convolution, every axis),
``window`` (the per-axis formulas of pooling and transposed convolution),
the layers of a stack by subject (``convolutions``, ``pools``,
``resizing``, ``features``, each rule taking 1 to 3 spatial axes),
``layers`` (a layer or a stack), ``cost`` (each layer's multiply-adds,
output bytes, receptive field and jump, and torchinfo's totals),
``domain`` (what it claims to know); each formula's TeX beside it.
docs/javascripts/shapes/ mirrors it."""
