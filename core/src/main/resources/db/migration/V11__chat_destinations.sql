-- What an endpoint is sent: the signed Billhook envelope ('billhook'), or a chat message in the
-- shape of Discord, Slack or Telegram; chat_id is Telegram's target chat, template an optional
-- Mustache template for the message text.
ALTER TABLE endpoints ADD COLUMN format TEXT NOT NULL DEFAULT 'billhook';
ALTER TABLE endpoints ADD COLUMN chat_id TEXT;
ALTER TABLE endpoints ADD COLUMN template TEXT;
