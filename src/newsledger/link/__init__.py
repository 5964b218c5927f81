"""newsledger.link"""
