import React from "react";

type Props = { companyId: number };

export const Badge = ({ companyId }: Props) => <span data-company={companyId as number}>{`${companyId}`}</span>;
