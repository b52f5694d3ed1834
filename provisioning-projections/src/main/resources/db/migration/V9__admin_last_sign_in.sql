-- When each admin account last signed in (the Control Panel's form or the JSON API's HTTP Basic), for the operator
-- deciding which accounts are no longer used. Written at most every few minutes per account and node.
ALTER TABLE admin_account ADD COLUMN last_signed_in_at TIMESTAMP WITH TIME ZONE;
