‚(this.webpackJsonp=this.webpackJsonp||[]).push([[0],{12:function(e,t,n){"use strict";var s=n(3);s.on("ticket",function(e){console.log(e)});s.off("company-1-ticket");}}]);
