‚import React, { useState, useEffect, useReducer, useContext } from "react";
import { useHistory } from "react-router-dom";
import Table from "@material-ui/core/Table";
import TableBody from "@material-ui/core/TableBody";
import TableRow from "@material-ui/core/TableRow";
import TableCell from "@material-ui/core/TableCell";

import api from "../../services/api";
import toastError from "../../errors/toastError";
import { AuthContext } from "../../context/Auth/AuthContext";
import { socketConnection } from "../../services/socket";

const reducer = (state, action) => {
  if (action.type === "LOAD_CONTACTS") {
    return [...state, ...action.payload];
  }
  if (action.type === "UPDATE_CONTACTS") {
    const contact = action.payload;
    const contactIndex = state.findIndex(c => c.id === contact.id);
    if (contactIndex !== -1) {
      state[contactIndex] = contact;
      return [...state];
    }
    return [contact, ...state];
  }
  if (action.type === "DELETE_CONTACT") {
    return state.filter(c => c.id !== action.payload);
  }
  if (action.type === "RESET") {
    return [];
  }
  return state;
};

const Contacts = () => {
  const history = useHistory();
  const { user } = useContext(AuthContext);
  const [loading, setLoading] = useState(false);
  const [pageNumber, setPageNumber] = useState(1);
  const [searchParam, setSearchParam] = useState("");
  const [contacts, dispatch] = useReducer(reducer, []);

  useEffect(() => {
    dispatch({ type: "RESET" });
    setPageNumber(1);
  }, [searchParam]);

  useEffect(() => {
    setLoading(true);
    const delayDebounceFn = setTimeout(() => {
      const fetchContacts = async () => {
        try {
          const { data } = await api.get("/contacts/", { params: { searchParam, pageNumber } });
          dispatch({ type: "LOAD_CONTACTS", payload: data.contacts });
          setLoading(false);
        } catch (err) {
          toastError(err);
        }
      };
      fetchContacts();
    }, 500);
    return () => clearTimeout(delayDebounceFn);
  }, [searchParam, pageNumber]);

  useEffect(() => {
    const companyId = user.companyId;
    const socket = socketConnection({ companyId });

    socket.on(`company-${companyId}-contact`, data => {
      if (data.action === "delete") {
        return dispatch({ type: "DELETE_CONTACT", payload: +data.contactId });
      }
      if (data.action === "update" || data.action === "create") {
        dispatch({ type: "UPDATE_CONTACTS", payload: data.contact });
      }
      return undefined;
    });
  }, [user]);

  return (
    <Table size="small">
      <TableBody>
        {contacts.map(contact => (
          <TableRow key={contact.id} onClick={() => history.push(`/contacts/${contact.id}`)}>
            <TableCell>{contact.name}</TableCell>
            <TableCell>{contact.number}</TableCell>
          </TableRow>
        ))}
        {loading && (
          <TableRow>
            <TableCell colSpan={2}>â€¦</TableCell>
          </TableRow>
        )}
      </TableBody>
      <input value={searchParam} onChange={e => setSearchParam(e.target.value.toLowerCase())} />
    </Table>
  );
};

export default Contacts;
