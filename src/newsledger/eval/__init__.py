"""newsledger.eval"""
