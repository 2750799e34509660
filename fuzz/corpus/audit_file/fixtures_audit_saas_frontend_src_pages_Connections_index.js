�import React, { useState, useEffect, useContext, useCallback } from "react";
import QRCode from "qrcode.react";
import Dialog from "@material-ui/core/Dialog";
import DialogContent from "@material-ui/core/DialogContent";

import useWhatsApps from "../../hooks/useWhatsApps";
import { AuthContext } from "../../context/Auth/AuthContext";
import { SocketContext } from "../../context/Socket/SocketContext";

const QrcodeModal = ({ open, onClose, whatsAppId }) => {
  const [qrCode, setQrCode] = useState("");
  const { user } = useContext(AuthContext);
  const { socket } = useContext(SocketContext);

  useEffect(() => {
    if (!whatsAppId || !socket) return;
    const onSession = data => {
      if (data.action === "update" && data.session.id === whatsAppId) {
        setQrCode(data.session.qrcode);
      }
      if (data.action === "update" && data.session.qrcode === "") {
        onClose();
      }
    };
    socket.on(`company-${user.companyId}-whatsappSession`, onSession);
    return () => socket.off(`company-${user.companyId}-whatsappSession`, onSession);
  }, [whatsAppId, onClose, user.companyId, socket]);

  return (
    <Dialog open={open} onClose={onClose}>
      <DialogContent>{qrCode ? <QRCode value={qrCode} size={256} /> : <span>Waiting for QR Code</span>}</DialogContent>
    </Dialog>
  );
};

const Connections = () => {
  const { whatsApps, loading } = useWhatsApps();
  const [selectedWhatsApp, setSelectedWhatsApp] = useState(null);
  const closeQr = useCallback(() => setSelectedWhatsApp(null), []);

  return (
    <div>
      {loading ? <span>…</span> : whatsApps.map(w => (
        <button key={w.id} type="button" onClick={() => setSelectedWhatsApp(w)}>
          {w.name} — {w.status}
        </button>
      ))}
      <QrcodeModal open={selectedWhatsApp !== null} onClose={closeQr} whatsAppId={selectedWhatsApp?.id} />
    </div>
  );
};

export default Connections;
