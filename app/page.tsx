import { ChatApp } from "./components/ChatApp";

export default function Home() {
  return <ChatApp />;
}
