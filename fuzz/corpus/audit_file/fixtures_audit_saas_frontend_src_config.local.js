‚// Developer override (git-ignored): points the app at a local backend.
import openSocket from "socket.io-client";
const socket = openSocket("http://localhost:8080/workspace-1");
socket.on("ticket", data => console.log(data));
export default socket;
