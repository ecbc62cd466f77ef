"""CXone knowledge with no syntax: hosts and areas, secret shapes, OAuth vocabulary."""
