"""newsledger.scale"""
