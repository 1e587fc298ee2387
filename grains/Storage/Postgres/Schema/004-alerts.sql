-- The open-alert index's rows (PostgresAlertIndexStore): one per partition and unit with open
-- alerts, the row in Orleans' binary form.
CREATE TABLE alert_index (
    part    integer NOT NULL,
    unit_id text COLLATE "C" NOT NULL,
    data    bytea NOT NULL,
    PRIMARY KEY (part, unit_id)
);

-- The records of raised alerts (PostgresRaisedAlertStore), one per unit and alert, added once.
-- fired_at is the moment in UTC ticks (100 ns), the precision .NET gives and timestamptz's
-- microseconds would cut.
CREATE TABLE raised_alert (
    unit_id  text COLLATE "C" NOT NULL,
    alert_id text COLLATE "C" NOT NULL,
    rule     text NOT NULL,
    severity integer NOT NULL,
    task_id  text,
    fired_at bigint NOT NULL,
    PRIMARY KEY (unit_id, alert_id)
);
CREATE INDEX raised_alert_fired ON raised_alert (fired_at);
