"""The channels a complaint can come by, and their names as officers and reports show them."""

CHANNEL_LABELS = {
    "whatsapp": "WhatsApp", "sms": "SMS", "telegram": "Telegram", "telepon": "Telepon",
    "email": "Pos-el", "website": "Laman", "twitter": "Twitter/X", "facebook": "Facebook",
    "lapor": "LAPOR!", "sipensikim": "SIPENSIKIM", "langsung": "Langsung (customer care)",
    "terminal": "Terminal (uji coba)", "web": "Chat web",
}
