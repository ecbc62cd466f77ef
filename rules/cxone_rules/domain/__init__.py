"""CXone knowledge with no syntax: hosts and areas, the OAuth vocabulary NICE uses."""
