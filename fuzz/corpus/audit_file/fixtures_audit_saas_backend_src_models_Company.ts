€import { Table, Column, CreatedAt, UpdatedAt, Model, PrimaryKey, AutoIncrement, HasMany, AllowNull } from "sequelize-typescript";
import User from "./User";
import Whatsapp from "./Whatsapp";

@Table
class Company extends Model<Company> {
  @PrimaryKey
  @AutoIncrement
  @Column
  id: number;

  @AllowNull(false)
  @Column
  name: string;

  @Column
  status: boolean;

  @Column
  dueDate: string;

  @HasMany(() => User, { onUpdate: "CASCADE", onDelete: "CASCADE", hooks: true })
  users: User[];

  @HasMany(() => Whatsapp, { onUpdate: "CASCADE", onDelete: "CASCADE", hooks: true })
  whatsapps: Whatsapp[];

  @CreatedAt
  createdAt: Date;

  @UpdatedAt
  updatedAt: Date;
}

export default Company;
