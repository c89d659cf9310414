-- DMS_SAMPLE on MariaDB/MySQL (InnoDB). ${schema} becomes "database." or nothing.
-- smallmoney -> DECIMAL(10,4); datetime -> DATETIME (whole seconds); utf8mb4 keeps every Unicode name.
-- ticket_purchase_hist needs no index of its own on sporting_event_ticket_id: its primary key
-- starts with that column.
-- The ticket indexes sit inside CREATE TABLE so that the foreign keys use them (MariaDB would
-- otherwise add its own index per foreign key, duplicating them).

CREATE TABLE ${schema}sport_type (
  name        VARCHAR(15)   NOT NULL,
  description VARCHAR(120),
  CONSTRAINT pk_sport_type PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${schema}sport_league (
  sport_type_name VARCHAR(15)   NOT NULL,
  short_name      VARCHAR(10)   NOT NULL,
  long_name       VARCHAR(60)   NOT NULL,
  description     VARCHAR(120),
  CONSTRAINT pk_sport_league PRIMARY KEY (short_name),
  CONSTRAINT fk_sport_league_type FOREIGN KEY (sport_type_name) REFERENCES ${schema}sport_type (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${schema}sport_division (
  sport_type_name         VARCHAR(15)   NOT NULL,
  sport_league_short_name VARCHAR(10)   NOT NULL,
  short_name              VARCHAR(10)   NOT NULL,
  long_name               VARCHAR(60),
  description             VARCHAR(120),
  CONSTRAINT pk_sport_division PRIMARY KEY (sport_type_name, sport_league_short_name, short_name),
  CONSTRAINT fk_sport_division_type FOREIGN KEY (sport_type_name) REFERENCES ${schema}sport_type (name),
  CONSTRAINT fk_sport_division_league FOREIGN KEY (sport_league_short_name) REFERENCES ${schema}sport_league (short_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${schema}sport_location (
  id               INT           NOT NULL,
  name             VARCHAR(60)   NOT NULL,
  city             VARCHAR(60)   NOT NULL,
  seating_capacity INT,
  levels           INT,
  sections         INT,
  CONSTRAINT pk_sport_location PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${schema}sport_team (
  id                        INT           NOT NULL,
  name                      VARCHAR(30)   NOT NULL,
  abbreviated_name          VARCHAR(10),
  home_field_id             INT,
  sport_type_name           VARCHAR(15)   NOT NULL,
  sport_league_short_name   VARCHAR(10)   NOT NULL,
  sport_division_short_name VARCHAR(10),
  CONSTRAINT pk_sport_team PRIMARY KEY (id),
  CONSTRAINT uq_sport_team_name UNIQUE (sport_type_name, sport_league_short_name, name),
  CONSTRAINT fk_sport_team_location FOREIGN KEY (home_field_id) REFERENCES ${schema}sport_location (id),
  CONSTRAINT fk_sport_team_division FOREIGN KEY (sport_type_name, sport_league_short_name, sport_division_short_name)
    REFERENCES ${schema}sport_division (sport_type_name, sport_league_short_name, short_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${schema}seat_type (
  name             VARCHAR(15)   NOT NULL,
  description      VARCHAR(120),
  relative_quality INT,
  CONSTRAINT pk_seat_type PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${schema}seat (
  sport_location_id INT           NOT NULL,
  seat_level        INT           NOT NULL,
  seat_section      VARCHAR(15)   NOT NULL,
  seat_row          VARCHAR(10)   NOT NULL,
  seat              VARCHAR(10)   NOT NULL,
  seat_type         VARCHAR(15),
  CONSTRAINT pk_seat PRIMARY KEY (sport_location_id, seat_level, seat_section, seat_row, seat),
  CONSTRAINT fk_seat_location FOREIGN KEY (sport_location_id) REFERENCES ${schema}sport_location (id),
  CONSTRAINT fk_seat_type FOREIGN KEY (seat_type) REFERENCES ${schema}seat_type (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${schema}player (
  id            INT           NOT NULL,
  sport_team_id INT           NOT NULL,
  last_name     VARCHAR(30),
  first_name    VARCHAR(30),
  full_name     VARCHAR(30),
  CONSTRAINT pk_player PRIMARY KEY (id),
  CONSTRAINT fk_player_team FOREIGN KEY (sport_team_id) REFERENCES ${schema}sport_team (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${schema}person (
  id         INT           NOT NULL,
  full_name  VARCHAR(60)   NOT NULL,
  last_name  VARCHAR(30),
  first_name VARCHAR(30),
  CONSTRAINT pk_person PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${schema}sporting_event (
  id              BIGINT        NOT NULL,
  sport_type_name VARCHAR(15)   NOT NULL,
  home_team_id    INT           NOT NULL,
  away_team_id    INT           NOT NULL,
  location_id     INT           NOT NULL,
  start_date_time DATETIME      NOT NULL,
  start_date      DATE          NOT NULL,
  sold_out        INT           DEFAULT 0 NOT NULL,
  CONSTRAINT pk_sporting_event PRIMARY KEY (id),
  CONSTRAINT ck_sporting_event_sold_out CHECK (sold_out IN (0, 1)),
  CONSTRAINT fk_sporting_event_type FOREIGN KEY (sport_type_name) REFERENCES ${schema}sport_type (name),
  CONSTRAINT fk_sporting_event_home FOREIGN KEY (home_team_id) REFERENCES ${schema}sport_team (id),
  CONSTRAINT fk_sporting_event_away FOREIGN KEY (away_team_id) REFERENCES ${schema}sport_team (id),
  CONSTRAINT fk_sporting_event_location FOREIGN KEY (location_id) REFERENCES ${schema}sport_location (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${schema}sporting_event_ticket (
  id                BIGINT        NOT NULL,
  sporting_event_id BIGINT        NOT NULL,
  sport_location_id INT           NOT NULL,
  seat_level        INT           NOT NULL,
  seat_section      VARCHAR(15)   NOT NULL,
  seat_row          VARCHAR(10)   NOT NULL,
  seat              VARCHAR(10)   NOT NULL,
  ticketholder_id   INT,
  ticket_price      DECIMAL(10,4) NOT NULL,
  CONSTRAINT pk_sporting_event_ticket PRIMARY KEY (id),
  KEY ix_ticket_event (sporting_event_id),
  KEY ix_ticket_holder (ticketholder_id),
  CONSTRAINT fk_ticket_event FOREIGN KEY (sporting_event_id) REFERENCES ${schema}sporting_event (id),
  CONSTRAINT fk_ticket_seat FOREIGN KEY (sport_location_id, seat_level, seat_section, seat_row, seat)
    REFERENCES ${schema}seat (sport_location_id, seat_level, seat_section, seat_row, seat),
  CONSTRAINT fk_ticket_holder FOREIGN KEY (ticketholder_id) REFERENCES ${schema}person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${schema}ticket_purchase_hist (
  sporting_event_ticket_id BIGINT        NOT NULL,
  purchased_by_id          INT           NOT NULL,
  transaction_date_time    DATETIME      NOT NULL,
  transferred_from_id      INT,
  purchase_price           DECIMAL(10,4) NOT NULL,
  CONSTRAINT pk_ticket_purchase_hist PRIMARY KEY (sporting_event_ticket_id, purchased_by_id, transaction_date_time),
  CONSTRAINT fk_purchase_ticket FOREIGN KEY (sporting_event_ticket_id) REFERENCES ${schema}sporting_event_ticket (id),
  CONSTRAINT fk_purchase_buyer FOREIGN KEY (purchased_by_id) REFERENCES ${schema}person (id),
  CONSTRAINT fk_purchase_from FOREIGN KEY (transferred_from_id) REFERENCES ${schema}person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
