(() => {
  var a = 0;
  function f0(x) {
    return x + 0;
  }
  a += f0(1);
  function f1(x) {
    return x + 1;
  }
  a += f1(1);
  function f2(x) {
    return x + 2;
  }
  a += f2(1);
  function f3(x) {
    return x + 3;
  }
  a += f3(1);
  function f4(x) {
    return x + 4;
  }
  a += f4(1);
  function f5(x) {
    return x + 5;
  }
  a += f5(1);
  function f6(x) {
    return x + 6;
  }
  a += f6(1);
  function f7(x) {
    return x + 7;
  }
  a += f7(1);
  function f8(x) {
    return x + 8;
  }
  a += f8(1);
  function f9(x) {
    return x + 9;
  }
  a += f9(1);
  function f10(x) {
    return x + 10;
  }
  a += f10(1);
  function f11(x) {
    return x + 11;
  }
  a += f11(1);
  function f12(x) {
    return x + 12;
  }
  a += f12(1);
  function f13(x) {
    return x + 13;
  }
  a += f13(1);
  function f14(x) {
    return x + 14;
  }
  a += f14(1);
  function f15(x) {
    return x + 15;
  }
  a += f15(1);
  function f16(x) {
    return x + 16;
  }
  a += f16(1);
  function f17(x) {
    return x + 17;
  }
  a += f17(1);
  function f18(x) {
    return x + 18;
  }
  a += f18(1);
  function f19(x) {
    return x + 19;
  }
  a += f19(1);
  function f20(x) {
    return x + 20;
  }
  a += f20(1);
  function f21(x) {
    return x + 21;
  }
  a += f21(1);
  function f22(x) {
    return x + 22;
  }
  a += f22(1);
  function f23(x) {
    return x + 23;
  }
  a += f23(1);
  function f24(x) {
    return x + 24;
  }
  a += f24(1);
  function f25(x) {
    return x + 25;
  }
  a += f25(1);
  function f26(x) {
    return x + 26;
  }
  a += f26(1);
  function f27(x) {
    return x + 27;
  }
  a += f27(1);
  function f28(x) {
    return x + 28;
  }
  a += f28(1);
  function f29(x) {
    return x + 29;
  }
  a += f29(1);
  function f30(x) {
    return x + 30;
  }
  a += f30(1);
  function f31(x) {
    return x + 31;
  }
  a += f31(1);
  function f32(x) {
    return x + 32;
  }
  a += f32(1);
  function f33(x) {
    return x + 33;
  }
  a += f33(1);
  function f34(x) {
    return x + 34;
  }
  a += f34(1);
  function f35(x) {
    return x + 35;
  }
  a += f35(1);
  function f36(x) {
    return x + 36;
  }
  a += f36(1);
  function f37(x) {
    return x + 37;
  }
  a += f37(1);
  function f38(x) {
    return x + 38;
  }
  a += f38(1);
  function f39(x) {
    return x + 39;
  }
  a += f39(1);
  function f40(x) {
    return x + 40;
  }
  a += f40(1);
  function f41(x) {
    return x + 41;
  }
  a += f41(1);
  function f42(x) {
    return x + 42;
  }
  a += f42(1);
  function f43(x) {
    return x + 43;
  }
  a += f43(1);
  function f44(x) {
    return x + 44;
  }
  a += f44(1);
  function f45(x) {
    return x + 45;
  }
  a += f45(1);
  function f46(x) {
    return x + 46;
  }
  a += f46(1);
  function f47(x) {
    return x + 47;
  }
  a += f47(1);
  function f48(x) {
    return x + 48;
  }
  a += f48(1);
  function f49(x) {
    return x + 49;
  }
  a += f49(1);
  function f50(x) {
    return x + 50;
  }
  a += f50(1);
  function f51(x) {
    return x + 51;
  }
  a += f51(1);
  function f52(x) {
    return x + 52;
  }
  a += f52(1);
  function f53(x) {
    return x + 53;
  }
  a += f53(1);
  function f54(x) {
    return x + 54;
  }
  a += f54(1);
  function f55(x) {
    return x + 55;
  }
  a += f55(1);
  function f56(x) {
    return x + 56;
  }
  a += f56(1);
  function f57(x) {
    return x + 57;
  }
  a += f57(1);
  function f58(x) {
    return x + 58;
  }
  a += f58(1);
  function f59(x) {
    return x + 59;
  }
  a += f59(1);
  function f60(x) {
    return x + 60;
  }
  a += f60(1);
  function f61(x) {
    return x + 61;
  }
  a += f61(1);
  function f62(x) {
    return x + 62;
  }
  a += f62(1);
  function f63(x) {
    return x + 63;
  }
  a += f63(1);
  function f64(x) {
    return x + 64;
  }
  a += f64(1);
  function f65(x) {
    return x + 65;
  }
  a += f65(1);
  function f66(x) {
    return x + 66;
  }
  a += f66(1);
  function f67(x) {
    return x + 67;
  }
  a += f67(1);
  function f68(x) {
    return x + 68;
  }
  a += f68(1);
  function f69(x) {
    return x + 69;
  }
  a += f69(1);
  function f70(x) {
    return x + 70;
  }
  a += f70(1);
  function f71(x) {
    return x + 71;
  }
  a += f71(1);
  function f72(x) {
    return x + 72;
  }
  a += f72(1);
  function f73(x) {
    return x + 73;
  }
  a += f73(1);
  function f74(x) {
    return x + 74;
  }
  a += f74(1);
  function f75(x) {
    return x + 75;
  }
  a += f75(1);
  function f76(x) {
    return x + 76;
  }
  a += f76(1);
  function f77(x) {
    return x + 77;
  }
  a += f77(1);
  function f78(x) {
    return x + 78;
  }
  a += f78(1);
  function f79(x) {
    return x + 79;
  }
  a += f79(1);
  function f80(x) {
    return x + 80;
  }
  a += f80(1);
  function f81(x) {
    return x + 81;
  }
  a += f81(1);
  function f82(x) {
    return x + 82;
  }
  a += f82(1);
  function f83(x) {
    return x + 83;
  }
  a += f83(1);
  function f84(x) {
    return x + 84;
  }
  a += f84(1);
  function f85(x) {
    return x + 85;
  }
  a += f85(1);
  function f86(x) {
    return x + 86;
  }
  a += f86(1);
  function f87(x) {
    return x + 87;
  }
  a += f87(1);
  function f88(x) {
    return x + 88;
  }
  a += f88(1);
  function f89(x) {
    return x + 89;
  }
  a += f89(1);
  function f90(x) {
    return x + 90;
  }
  a += f90(1);
  function f91(x) {
    return x + 91;
  }
  a += f91(1);
  function f92(x) {
    return x + 92;
  }
  a += f92(1);
  function f93(x) {
    return x + 93;
  }
  a += f93(1);
  function f94(x) {
    return x + 94;
  }
  a += f94(1);
  function f95(x) {
    return x + 95;
  }
  a += f95(1);
  function f96(x) {
    return x + 96;
  }
  a += f96(1);
  function f97(x) {
    return x + 97;
  }
  a += f97(1);
  function f98(x) {
    return x + 98;
  }
  a += f98(1);
  function f99(x) {
    return x + 99;
  }
  a += f99(1);
  function f100(x) {
    return x + 100;
  }
  a += f100(1);
  function f101(x) {
    return x + 101;
  }
  a += f101(1);
  function f102(x) {
    return x + 102;
  }
  a += f102(1);
  function f103(x) {
    return x + 103;
  }
  a += f103(1);
  function f104(x) {
    return x + 104;
  }
  a += f104(1);
  function f105(x) {
    return x + 105;
  }
  a += f105(1);
  function f106(x) {
    return x + 106;
  }
  a += f106(1);
  function f107(x) {
    return x + 107;
  }
  a += f107(1);
  function f108(x) {
    return x + 108;
  }
  a += f108(1);
  function f109(x) {
    return x + 109;
  }
  a += f109(1);
  function f110(x) {
    return x + 110;
  }
  a += f110(1);
  function f111(x) {
    return x + 111;
  }
  a += f111(1);
  function f112(x) {
    return x + 112;
  }
  a += f112(1);
  function f113(x) {
    return x + 113;
  }
  a += f113(1);
  function f114(x) {
    return x + 114;
  }
  a += f114(1);
  function f115(x) {
    return x + 115;
  }
  a += f115(1);
  function f116(x) {
    return x + 116;
  }
  a += f116(1);
  function f117(x) {
    return x + 117;
  }
  a += f117(1);
  function f118(x) {
    return x + 118;
  }
  a += f118(1);
  function f119(x) {
    return x + 119;
  }
  a += f119(1);
  function f120(x) {
    return x + 120;
  }
  a += f120(1);
  function f121(x) {
    return x + 121;
  }
  a += f121(1);
  function f122(x) {
    return x + 122;
  }
  a += f122(1);
  function f123(x) {
    return x + 123;
  }
  a += f123(1);
  function f124(x) {
    return x + 124;
  }
  a += f124(1);
  function f125(x) {
    return x + 125;
  }
  a += f125(1);
  function f126(x) {
    return x + 126;
  }
  a += f126(1);
  function f127(x) {
    return x + 127;
  }
  a += f127(1);
  function f128(x) {
    return x + 128;
  }
  a += f128(1);
  function f129(x) {
    return x + 129;
  }
  a += f129(1);
  function f130(x) {
    return x + 130;
  }
  a += f130(1);
  function f131(x) {
    return x + 131;
  }
  a += f131(1);
  function f132(x) {
    return x + 132;
  }
  a += f132(1);
  function f133(x) {
    return x + 133;
  }
  a += f133(1);
  function f134(x) {
    return x + 134;
  }
  a += f134(1);
  function f135(x) {
    return x + 135;
  }
  a += f135(1);
  function f136(x) {
    return x + 136;
  }
  a += f136(1);
  function f137(x) {
    return x + 137;
  }
  a += f137(1);
  function f138(x) {
    return x + 138;
  }
  a += f138(1);
  function f139(x) {
    return x + 139;
  }
  a += f139(1);
  function f140(x) {
    return x + 140;
  }
  a += f140(1);
  function f141(x) {
    return x + 141;
  }
  a += f141(1);
  function f142(x) {
    return x + 142;
  }
  a += f142(1);
  function f143(x) {
    return x + 143;
  }
  a += f143(1);
  window.__noop = a;
})();
