-- posebench run history, one SQL for H2 and PostgreSQL: only types and constraints both take.
-- Text from results files (benchmark names, params) goes in through prepared statements only.

-- A machine and its software, keyed by MachineInfo.fingerprint() (a hash of these columns).
CREATE TABLE machines (
    fingerprint  VARCHAR(64)   NOT NULL PRIMARY KEY,
    cpu_model    VARCHAR(1000) NOT NULL,
    isa_flags    VARCHAR(1000) NOT NULL,
    cores        INTEGER       NOT NULL,
    memory_bytes BIGINT        NOT NULL,
    os           VARCHAR(1000) NOT NULL,
    jdk          VARCHAR(1000) NOT NULL,
    tensorflow   VARCHAR(200)  NOT NULL,
    opencv       VARCHAR(200)  NOT NULL,
    ipp          BOOLEAN       NOT NULL
);

-- One JMH run: its id is the SHA-256 of the results file, so a file is recorded once.
CREATE TABLE runs (
    run_id       CHAR(64)      NOT NULL PRIMARY KEY,
    machine      VARCHAR(64)   NOT NULL REFERENCES machines (fingerprint),
    commit_id    VARCHAR(100)  NOT NULL,
    branch       VARCHAR(1000) NOT NULL,
    measured_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    instance     VARCHAR(200),
    usd_per_hour DOUBLE PRECISION,
    source       VARCHAR(4000) NOT NULL,
    result_count INTEGER       NOT NULL
);
CREATE INDEX runs_by_machine_and_time ON runs (machine, measured_at);

-- One benchmark of a run, in the file's order; error and interval are NULL where JMH wrote NaN.
CREATE TABLE results (
    run_id          CHAR(64)      NOT NULL REFERENCES runs (run_id),
    ordinal         INTEGER       NOT NULL,
    benchmark       VARCHAR(4000) NOT NULL,
    mode            VARCHAR(20)   NOT NULL,
    unit            VARCHAR(20)   NOT NULL,
    score           DOUBLE PRECISION NOT NULL,
    score_error     DOUBLE PRECISION,
    confidence_low  DOUBLE PRECISION,
    confidence_high DOUBLE PRECISION,
    PRIMARY KEY (run_id, ordinal)
);

CREATE TABLE result_params (
    run_id  CHAR(64)      NOT NULL,
    ordinal INTEGER       NOT NULL,
    param_name  VARCHAR(1000) NOT NULL,
    param_value VARCHAR(4000) NOT NULL,
    PRIMARY KEY (run_id, ordinal, param_name),
    FOREIGN KEY (run_id, ordinal) REFERENCES results (run_id, ordinal)
);

-- JMH's rawData: each fork's measured iteration scores.
CREATE TABLE samples (
    run_id    CHAR(64) NOT NULL,
    ordinal   INTEGER  NOT NULL,
    fork      INTEGER  NOT NULL,
    iteration INTEGER  NOT NULL,
    score     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (run_id, ordinal, fork, iteration),
    FOREIGN KEY (run_id, ordinal) REFERENCES results (run_id, ordinal)
);
