"""Each lesson as two notebooks: convert, kernel (runs), math, files."""
