-- Forms that make something once however many times they are sent (SentForms: Settings -> Organizations' new
-- organization), on whichever node each sending arrives: the first sending of a rendered form claims its row, a
-- second one waits for it and is shown what it made (made: the id of what it made, NULL while it runs). sent_at in
-- milliseconds since 1970, UTC; rows are deleted ten minutes after.
CREATE TABLE sent_form (
    admin_id VARCHAR(36) NOT NULL,
    form_id  VARCHAR(64) NOT NULL,
    sent_at  BIGINT      NOT NULL,
    made     VARCHAR(64),
    CONSTRAINT sent_form_pk PRIMARY KEY (admin_id, form_id)
);

CREATE INDEX sent_form_sent_at ON sent_form (sent_at);
