/* SPDX-License-Identifier: MIT */
/*
 * The mac80211_hwsim generic netlink interface (family "MAC80211_HWSIM").
 *
 * Not in the kernel's uapi headers: the values below are the enum positions
 * of drivers/net/wireless/mac80211_hwsim.h (kernel 6.1, Debian package
 * linux-source-6.1), which the kernel keeps stable because wmediumd and
 * hostap's hwsim tests depend on them. Only what sim/ uses is named.
 */
#ifndef SIM_HWSIM_H
#define SIM_HWSIM_H

enum sim_hwsim_cmd {
	SIM_HWSIM_CMD_NEW_RADIO = 4,   /* HWSIM_CMD_NEW_RADIO */
	SIM_HWSIM_CMD_DEL_RADIO = 5,   /* HWSIM_CMD_DEL_RADIO */
};

enum sim_hwsim_attr {
	SIM_HWSIM_ATTR_CHANNELS = 9,                /* u32 */
	SIM_HWSIM_ATTR_RADIO_ID = 10,               /* u32 */
	SIM_HWSIM_ATTR_DESTROY_RADIO_ON_CLOSE = 16, /* flag */
	SIM_HWSIM_ATTR_RADIO_NAME = 17,             /* string: wiphy name */
};

#endif
