"""Kiosk screens for stations and the phone page their QR codes open."""
