-- Reservations are granted by the hub against the team's stock (TEAM.md protocol 8): the ERP's free
-- stock as the desks last saw it (the newest report wins), and the active reservations of everyone.
CREATE TABLE team_stock (
  product text NOT NULL,
  warehouse text NOT NULL,
  available bigint NOT NULL,
  as_of text NOT NULL,
  PRIMARY KEY (product, warehouse)
);
CREATE INDEX team_rows_reservations ON team_rows ((data->>'productId'), (data->>'warehouseId')) WHERE row_table = 'reservations';
