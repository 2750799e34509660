‚import React, { useCallback, useContext } from "react";
import { useParams } from "react-router-dom";
import Grid from "@material-ui/core/Grid";

import TicketsManager from "../../components/TicketsManager";
import Ticket from "../../components/Ticket";
import { SocketContext } from "../../context/Socket/SocketContext";
import { useSocketListener } from "../../hooks/useSocketListener";
import { AuthContext } from "../../context/Auth/AuthContext";

const Tickets = () => {
  const { ticketId } = useParams();
  const { socket } = useContext(SocketContext);
  const { user } = useContext(AuthContext);

  const onTicket = useCallback(data => {
    if (data.action === "delete" && String(data.ticketId) === ticketId) {
      window.history.replaceState(null, "", "/tickets");
    }
  }, [ticketId]);

  useSocketListener(socket, `company-${user.companyId}-ticket`, onTicket);

  return (
    <Grid container spacing={0}>
      <Grid item xs={4}>
        <TicketsManager />
      </Grid>
      <Grid item xs={8}>
        {ticketId ? <Ticket /> : null}
      </Grid>
    </Grid>
  );
};

export default Tickets;
